package watch

import "testing"

func TestSum(t *testing.T) {
	if Sum([]int{1, 2, 3}) != 6 {
		t.Fatal("Sum != 6")
	}
}

func TestWatch(t *testing.T) {
	Watch()
}

func TestSumAgain(t *testing.T) {
	if Sum([]int{4}) != 4 {
		t.Fatal("Sum != 4")
	}
}
