package generatorselectsend

func Generate(done <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; ; i++ {
			select {
			case <-done:
				return
			case out <- i:
			}
		}
	}()
	return out
}

func FirstN(n int) []int {
	done := make(chan struct{})
	defer close(done)
	var got []int
	for v := range Generate(done) {
		got = append(got, v)
		if len(got) == n {
			break
		}
	}
	return got
}
