//go:build ignore

// A generator run by hand (go run gen.go): not part of the package.
package main

func main() {}
