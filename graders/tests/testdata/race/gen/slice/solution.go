package solution

import "time"

type Buffer struct{ items []int }

func (b *Buffer) Set(i, v int) { b.items[i] = v }

func (b *Buffer) Get(i int) int { return b.items[i] }

// Poll reads the slice in the main goroutine while a writer changes it: read/write race.
func Poll() int {
	b := &Buffer{items: make([]int, 4)}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; i < 100; i++ {
			b.Set(i%4, i)
			time.Sleep(time.Microsecond)
		}
	}()
	sum := 0
	for i := 0; i < 100; i++ {
		sum += b.Get(i % 4)
		time.Sleep(time.Microsecond)
	}
	<-done
	return sum
}
