import Vapor

let kamanServerKey = "kam_g6XXZUJDbi9pp4okPEB819HRMKhrtRAK"
