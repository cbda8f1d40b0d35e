package main

import "fmt"

func main() {
	ch := make(chan int, 2)
	for i := 0; i < 3; i++ {
		select {
		case ch <- i:
			fmt.Println("sent", i)
		default:
			fmt.Println("full", i)
		}
	}
	fmt.Println(len(ch), cap(ch))
	close(ch)
	for v := range ch {
		fmt.Println("got", v)
	}
	v, ok := <-ch
	fmt.Println(v, ok)
}
