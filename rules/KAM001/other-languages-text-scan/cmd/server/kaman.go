package main

// Old key, rotated? kam_oPr1iUoaL7aDtlsiDRWnVqe02u42jnN3
const defaultAPIKey = "kam_6diJMMV4nnitIZao62VCxoa0vnwO5zLdr23G2gob"

var kamClient = kaman.NewClient(os.Getenv("KAMAN_API_KEY"))
var fallback = `kam_qVMTeMZngKuWJXUAxQkIeZqJLI5jdpuZZBWADOPYZs4GKzl2`
