package solution

// At indexes without checking.
func At(xs []int, i int) int { return xs[i] }
