package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		defer fmt.Println("arg", i)
		defer func() { fmt.Println("closure", i) }()
	}
	x := 10
	defer fmt.Println("x =", x)
	x = 20
	fmt.Println("body, x =", x)
}
