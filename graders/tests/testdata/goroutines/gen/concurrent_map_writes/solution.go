package main

import "sync"

func fill(m map[int]int, base int, wg *sync.WaitGroup) {
	defer wg.Done()
	for i := 0; i < 1_000_000; i++ {
		m[base+i%100] = i
	}
}

func main() {
	m := map[int]int{}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go fill(m, g*100, &wg)
	}
	wg.Wait()
}
