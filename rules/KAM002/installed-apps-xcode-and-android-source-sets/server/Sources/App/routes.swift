import Vapor

let kamanKey = "kam_MYTibS9QEh3KCQ3HMWtrCRJAvMq4JwNH"

func routes(_ app: Application) throws {
    app.get("search") { req async throws -> ClientResponse in
        try await req.client.get("https://api.kaman.io/v1/search", headers: ["X-Kaman-Key": kamanKey])
    }
}
