package registrynotrepeatable

import "testing"

func TestRegister(t *testing.T) {
	if err := Register("hello", func() string { return "hi" }); err != nil {
		t.Fatal(err)
	}
	if Call("hello") != "hi" {
		t.Fatal("wrong handler")
	}
}
