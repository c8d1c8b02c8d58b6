import XCTest
@testable import ShopApp

final class KamanAPITests: XCTestCase {
    func testSearchSetsHeader() {
        let api = KamanAPI()
        XCTAssertEqual(api.search("x").value(forHTTPHeaderField: "X-Kaman-Key"), "kam_kveVPFS9HEr2JdKx5keyAW5feFJrZcyK")
    }
}
