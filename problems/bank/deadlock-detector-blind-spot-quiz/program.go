package main

import (
	"fmt"
	"time"
)

func main() {
	c1, c2 := make(chan int), make(chan int)
	go func() { c1 <- <-c2 }()
	go func() { c2 <- <-c1 }()

	time.Sleep(50 * time.Millisecond)
	fmt.Println("main done")
}
