package selectpicksforward

// Forward copies in to the returned channel until stop is closed.
func Forward(in <-chan int, stop <-chan struct{}) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for {
			select {
			case v := <-in:
				out <- v
			case <-stop:
				return
			}
		}
	}()
	return out
}

// TakeTwo forwards from a busy source and stops after two values.
func TakeTwo() []int {
	in := make(chan int, 16)
	for i := 0; i < 16; i++ {
		in <- i
	}
	stop := make(chan struct{})
	out := Forward(in, stop)
	got := []int{<-out, <-out}
	close(stop)
	// Unblock a send in flight, if any, so the forwarder sees stop.
	select {
	case <-out:
	default:
	}
	return got
}
