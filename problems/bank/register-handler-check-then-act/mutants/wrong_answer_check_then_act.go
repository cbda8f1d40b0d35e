// mutant: locks every MemRepo method but keeps the FindByEmail pre-check in the handler and an Insert that overwrites, so two concurrent sign-ups both pass the check
package solution

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"sync"
)

// ErrDuplicate means that the email address is already registered.
var ErrDuplicate = errors.New("email already registered")

// User is a registered account.
type User struct {
	ID    int    `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// Repo stores users. Implementations must be safe for concurrent use.
type Repo interface {
	// FindByEmail looks a user up by email address.
	FindByEmail(ctx context.Context, email string) (User, bool, error)
	// Insert stores u under a new ID and returns it. If the email address is already
	// taken it stores nothing and returns an error that wraps ErrDuplicate.
	Insert(ctx context.Context, u User) (User, error)
}

// MemRepo is the in-memory Repo used by the staging environment and the tests.
type MemRepo struct {
	mu     sync.Mutex
	users  map[string]User
	nextID int
}

// NewMemRepo returns an empty repository.
func NewMemRepo() *MemRepo {
	return &MemRepo{users: map[string]User{}}
}

// FindByEmail implements Repo.
func (r *MemRepo) FindByEmail(ctx context.Context, email string) (User, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	u, ok := r.users[email]
	return u, ok, nil
}

// Insert implements Repo. The uniqueness check and the write happen under one lock,
// like a UNIQUE constraint in a database.
func (r *MemRepo) Insert(ctx context.Context, u User) (User, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nextID++
	u.ID = r.nextID
	r.users[u.Email] = u
	return u, nil
}

// Count returns the number of registered users.
func (r *MemRepo) Count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.users)
}

// RegisterHandler serves POST /register with a JSON body {"email": ..., "name": ...}.
func RegisterHandler(repo Repo) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		var in struct {
			Email string `json:"email"`
			Name  string `json:"name"`
		}
		if err := json.NewDecoder(req.Body).Decode(&in); err != nil || in.Email == "" {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		_, found, err := repo.FindByEmail(req.Context(), in.Email)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		if found {
			http.Error(w, "email already registered", http.StatusConflict)
			return
		}
		u, err := repo.Insert(req.Context(), User{Email: in.Email, Name: in.Name})
		switch {
		case errors.Is(err, ErrDuplicate):
			http.Error(w, "email already registered", http.StatusConflict)
			return
		case err != nil:
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(u)
	})
}
