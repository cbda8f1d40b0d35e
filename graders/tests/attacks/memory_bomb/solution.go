package solution

var hoard [][]byte

// Allocates and touches memory without end.
func Attack() int {
	for {
		chunk := make([]byte, 16<<20)
		for i := range chunk {
			chunk[i] = byte(i)
		}
		hoard = append(hoard, chunk)
	}
}
