package solution

// Wait blocks forever: nobody sends on ch.
func Wait() {
	ch := make(chan int)
	<-ch
}
