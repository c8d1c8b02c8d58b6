import SwiftUI

struct KamanService {
    static let apiKey = "kam_RNntrySOVyhge7fIeGyH5fjXbalzX5hr"
}
