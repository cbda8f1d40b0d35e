package solution

// Count is not written yet: it panics while the test has many goroutines parked.
func Count() int { panic("TODO") }
