package main

import "fmt"

func handle(name string) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
			status = 500
		}
	}()
	defer fmt.Println("log", name, status)
	defer func() { fmt.Println("close", name, status) }()

	if name == "bad" {
		panic("boom")
	}
	return 200
}

func main() {
	fmt.Println("result", handle("ok"))
	fmt.Println("result", handle("bad"))
}
