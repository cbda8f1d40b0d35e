package returnholdinglock

import "testing"

func TestPut(t *testing.T) {
	c := NewCache()
	if err := c.Put("a", "1"); err != nil {
		t.Fatal(err)
	}
}

func TestPutWhileClosing(t *testing.T) {
	c := NewCache()
	go func() {
		for i := 0; i < 3; i++ {
			_ = c.Put("k", "v")
		}
	}()
	c.Close()
}
