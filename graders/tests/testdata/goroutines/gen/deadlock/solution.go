package main

import "sync"

func send(ch chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	ch <- 1
}

func main() {
	var wg sync.WaitGroup
	var nilch chan int
	wg.Add(2)
	go send(make(chan int), &wg)
	go send(nilch, &wg)
	go func() {
		select {}
	}()
	wg.Wait()
}
