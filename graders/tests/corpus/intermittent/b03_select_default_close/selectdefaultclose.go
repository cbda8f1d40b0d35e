package selectdefaultclose

// Generate sends 0, 1, 2... on the returned channel until done is closed.
func Generate(done <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			default:
			}
			out <- i
		}
	}()
	return out
}

// FirstN reads n values and stops the generator.
func FirstN(n int) []int {
	done := make(chan struct{})
	values := Generate(done)
	var got []int
	for v := range values {
		got = append(got, v)
		if len(got) == n {
			break
		}
	}
	close(done)
	return got
}
