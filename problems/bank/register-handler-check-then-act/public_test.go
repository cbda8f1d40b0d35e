package solution

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func testPost(h http.Handler, body string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/register", strings.NewReader(body)))
	return rec
}

func TestExampleRegisterThenDuplicate(t *testing.T) {
	repo := NewMemRepo()
	h := RegisterHandler(repo)

	rec := testPost(h, `{"email":"ada@example.com","name":"Ada"}`)
	if rec.Code != http.StatusCreated {
		t.Fatalf("first registration: status %d, want 201 (body %q)", rec.Code, rec.Body.String())
	}
	var u User
	if err := json.Unmarshal(rec.Body.Bytes(), &u); err != nil {
		t.Fatalf("response is not a JSON user: %v (%q)", err, rec.Body.String())
	}
	if u.ID != 1 || u.Email != "ada@example.com" || u.Name != "Ada" {
		t.Fatalf("got %+v, want ID 1, ada@example.com, Ada", u)
	}

	rec = testPost(h, `{"email":"ada@example.com","name":"Someone else"}`)
	if rec.Code != http.StatusConflict {
		t.Fatalf("second registration: status %d, want 409", rec.Code)
	}
	if n := repo.Count(); n != 1 {
		t.Fatalf("Count() = %d, want 1", n)
	}
}
