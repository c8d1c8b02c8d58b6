import Foundation

enum Secrets {
    static let kamanAPIKey = "kam_jIWtthGgv3VM8io6Pr1zBwGmb8cLzzaV"
}
