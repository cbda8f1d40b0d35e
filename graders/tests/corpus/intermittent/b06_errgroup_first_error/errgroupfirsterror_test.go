package errgroupfirsterror

import "testing"

func TestCheckAllOK(t *testing.T) {
	lines, err := CheckAll([]int{1, 2})
	if err != nil || len(lines) != 2 {
		t.Fatalf("%v %v", lines, err)
	}
}

func TestCheckAllBroken(t *testing.T) {
	if _, err := CheckAll([]int{1, 2, 3, 4, 5, 6}); err == nil {
		t.Fatal("want an error")
	}
}
