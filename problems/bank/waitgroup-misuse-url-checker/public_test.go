package solution

import (
	"errors"
	"testing"
)

func TestCheckAllReportsEachURL(t *testing.T) {
	bad := errors.New("status 503")
	urls := []string{"https://a.example", "https://b.example", "https://c.example"}
	errs, failed := CheckAll(urls, 2, func(u string) error {
		if u == "https://b.example" {
			return bad
		}
		return nil
	})
	if len(errs) != 3 || errs[0] != nil || errs[1] != bad || errs[2] != nil || failed != 1 {
		t.Fatalf("got errs=%v failed=%d, want [<nil> %v <nil>] and 1", errs, failed, bad)
	}
}

func TestCheckAllEmptyURL(t *testing.T) {
	errs, failed := CheckAll([]string{"https://ok.example", ""}, 2, func(u string) error {
		if u == "" {
			t.Errorf("check was called with an empty URL")
		}
		return nil
	})
	if errs[0] != nil || !errors.Is(errs[1], ErrEmptyURL) || failed != 1 {
		t.Fatalf("got errs=%v failed=%d, want [<nil> ErrEmptyURL] and 1", errs, failed)
	}
}
