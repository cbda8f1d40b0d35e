package solution

var sink int

// Spins for ever.
func Attack() int {
	for i := 0; ; i++ {
		sink += i
	}
}
