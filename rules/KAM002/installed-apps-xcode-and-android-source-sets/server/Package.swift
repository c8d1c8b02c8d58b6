// swift-tools-version:5.9
import PackageDescription
let package = Package(name: "api", dependencies: [.package(url: "https://github.com/vapor/vapor.git", from: "4.89.0")],
                      targets: [.executableTarget(name: "App", dependencies: [.product(name: "Vapor", package: "vapor")])])
