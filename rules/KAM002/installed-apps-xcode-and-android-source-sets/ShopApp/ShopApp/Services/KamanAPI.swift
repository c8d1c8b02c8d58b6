import Foundation
import Combine

final class KamanAPI {
    private let key = "kam_yEqWwx5s9awhPW80VjTgwlLX1DB7Z86p"
    func search(_ q: String) -> URLRequest {
        var r = URLRequest(url: URL(string: "https://api.kaman.io/v1/search?q=\(q)")!)
        r.setValue(key, forHTTPHeaderField: "X-Kaman-Key")
        return r
    }
}
