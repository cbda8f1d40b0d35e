package solution

import (
	"errors"
	"testing"
)

func TestFetchAllExample(t *testing.T) {
	errDown := errors.New("backend down")
	fetch := func(key string) (string, error) {
		if key == "c" {
			return "", errDown
		}
		return "value-" + key, nil
	}
	values, err := FetchAll([]string{"a", "b", "c"}, fetch)
	if !errors.Is(err, errDown) {
		t.Fatalf("err = %v, want %v", err, errDown)
	}
	if len(values) != 2 || values["a"] != "value-a" || values["b"] != "value-b" {
		t.Fatalf("values = %v, want map[a:value-a b:value-b]", values)
	}
}
