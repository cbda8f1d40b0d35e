package solution

import "testing"

func TestCount(t *testing.T) {
	for i := 0; i < 50; i++ {
		Count(100)
	}
}
