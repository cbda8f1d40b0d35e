package depth

import "testing"

func TestDepth(t *testing.T) {
	if Depth(0) < 0 {
		t.Fatal("negative depth")
	}
}
