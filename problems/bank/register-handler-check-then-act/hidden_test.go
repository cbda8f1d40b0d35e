package solution

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// testSlowFind wraps a Repo and makes FindByEmail slow, like a real database round trip.
// That widens the window between a "check" and an "act" from nanoseconds to milliseconds.
type testSlowFind struct{ Repo }

func (s testSlowFind) FindByEmail(ctx context.Context, email string) (User, bool, error) {
	u, ok, err := s.Repo.FindByEmail(ctx, email)
	time.Sleep(2 * time.Millisecond)
	return u, ok, err
}

// testFakeRepo is a hand-written mock: it returns canned answers and records contexts.
type testFakeRepo struct {
	findErr   error
	insertErr error

	mu      sync.Mutex
	ctxVals []any
}

type testCtxKey struct{}

func (f *testFakeRepo) FindByEmail(ctx context.Context, email string) (User, bool, error) {
	f.mu.Lock()
	f.ctxVals = append(f.ctxVals, ctx.Value(testCtxKey{}))
	f.mu.Unlock()
	return User{}, false, f.findErr
}

func (f *testFakeRepo) Insert(ctx context.Context, u User) (User, error) {
	f.mu.Lock()
	f.ctxVals = append(f.ctxVals, ctx.Value(testCtxKey{}))
	f.mu.Unlock()
	if f.insertErr != nil {
		return User{}, f.insertErr
	}
	u.ID = 7
	return u, nil
}

func TestHiddenBadRequests(t *testing.T) {
	h := RegisterHandler(NewMemRepo())
	for _, body := range []string{`not json`, `{"name":"no email"}`, `{"email":""}`, ``} {
		if rec := testPost(h, body); rec.Code != http.StatusBadRequest {
			t.Errorf("body %q: status %d, want 400", body, rec.Code)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/register", nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d, want 405", rec.Code)
	}
}

func TestHiddenSameEmailAtOnce(t *testing.T) {
	for round := range 5 {
		repo := NewMemRepo()
		h := RegisterHandler(testSlowFind{repo})
		const n = 16
		codes := make(chan int, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				codes <- testPost(h, fmt.Sprintf(`{"email":"dup%d@example.com","name":"n%d"}`, round, i)).Code
			}()
		}
		close(start)
		wg.Wait()
		close(codes)
		created, conflicts := 0, 0
		for c := range codes {
			switch c {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
				conflicts++
			default:
				t.Fatalf("unexpected status %d", c)
			}
		}
		if created != 1 || conflicts != n-1 || repo.Count() != 1 {
			t.Fatalf("round %d: %d created, %d conflicts, Count() = %d; want 1, %d, 1",
				round, created, conflicts, repo.Count(), n-1)
		}
	}
}

func TestHiddenRepoInsertIsAtomic(t *testing.T) {
	repo := NewMemRepo()
	const n = 32
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := repo.Insert(context.Background(), User{Email: "same@example.com"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	ok := 0
	for err := range errs {
		switch {
		case err == nil:
			ok++
		case !errors.Is(err, ErrDuplicate):
			t.Fatalf("Insert failed with %v, want an error wrapping ErrDuplicate", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d concurrent inserts of the same email succeeded, want exactly 1", ok)
	}
}

func TestHiddenManyDistinctUsers(t *testing.T) {
	repo := NewMemRepo()
	h := RegisterHandler(repo)
	const n = 200
	ids := make(chan int, n)
	stop := make(chan struct{})
	var counter sync.WaitGroup
	counter.Add(1)
	go func() { // the admin page polls Count while people sign up
		defer counter.Done()
		for {
			if c := repo.Count(); c < 0 || c > n {
				t.Errorf("Count() = %d", c)
			}
			select {
			case <-stop:
				return
			default:
			}
		}
	}()
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rec := testPost(h, fmt.Sprintf(`{"email":"user%d@example.com","name":"User %d"}`, i, i))
			if rec.Code != http.StatusCreated {
				t.Errorf("user %d: status %d", i, rec.Code)
				return
			}
			var u User
			json.Unmarshal(rec.Body.Bytes(), &u)
			if u.Email != fmt.Sprintf("user%d@example.com", i) {
				t.Errorf("user %d: response %+v", i, u)
			}
			ids <- u.ID
		}()
	}
	wg.Wait()
	close(stop)
	counter.Wait()
	close(ids)
	seen := map[int]bool{}
	for id := range ids {
		if id < 1 || id > n || seen[id] {
			t.Fatalf("ID %d is out of range or duplicated", id)
		}
		seen[id] = true
	}
	if len(seen) != n || repo.Count() != n {
		t.Fatalf("%d distinct IDs, Count() = %d; want %d", len(seen), repo.Count(), n)
	}
}

func TestHiddenWrappedDuplicateFromAnyRepo(t *testing.T) {
	fake := &testFakeRepo{insertErr: fmt.Errorf("postgres: unique violation: %w", ErrDuplicate)}
	if rec := testPost(RegisterHandler(fake), `{"email":"x@example.com"}`); rec.Code != http.StatusConflict {
		t.Fatalf("status %d for a wrapped ErrDuplicate, want 409", rec.Code)
	}
}

func TestHiddenRepoFailuresAre500(t *testing.T) {
	fake := &testFakeRepo{insertErr: errors.New("connection reset")}
	if rec := testPost(RegisterHandler(fake), `{"email":"x@example.com"}`); rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d when Insert fails, want 500", rec.Code)
	}
	fake = &testFakeRepo{findErr: errors.New("connection reset"), insertErr: errors.New("connection reset")}
	if rec := testPost(RegisterHandler(fake), `{"email":"x@example.com"}`); rec.Code != http.StatusInternalServerError {
		t.Fatalf("status %d when the repository is down, want 500", rec.Code)
	}
}

func TestHiddenRequestContextReachesRepo(t *testing.T) {
	fake := &testFakeRepo{}
	ctx := context.WithValue(context.Background(), testCtxKey{}, "req-42")
	req := httptest.NewRequest(http.MethodPost, "/register", strings.NewReader(`{"email":"c@example.com"}`)).WithContext(ctx)
	rec := httptest.NewRecorder()
	RegisterHandler(fake).ServeHTTP(rec, req)
	if rec.Code != http.StatusCreated {
		t.Fatalf("status %d, want 201", rec.Code)
	}
	fake.mu.Lock()
	defer fake.mu.Unlock()
	if len(fake.ctxVals) == 0 {
		t.Fatalf("the handler never called the repository")
	}
	for _, v := range fake.ctxVals {
		if v != "req-42" {
			t.Fatalf("the repository was called with a context that is not the request's")
		}
	}
}
