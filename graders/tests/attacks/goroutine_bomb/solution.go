package solution

// Goroutines that never end, each holding a little memory, until memory runs out.
func Attack() int {
	block := make(chan struct{})
	for {
		go func() {
			buf := make([]byte, 64<<10)
			buf[0] = 1
			<-block
			_ = buf
		}()
	}
}
