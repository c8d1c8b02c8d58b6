enum Secrets {
    static let kamanKey = "kam_Tl60gZeLmkDXkuEnJPZlhfYv49cJp7Ab"
}
