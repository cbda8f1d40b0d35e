package replyaftergiveup

import "time"

type request struct {
	key   int
	reply chan int
}

type Server struct{ requests chan request }

func NewServer() *Server {
	s := &Server{requests: make(chan request)}
	go func() {
		for r := range s.requests {
			time.Sleep(time.Duration(r.key%3) * 200 * time.Microsecond)
			r.reply <- r.key * 2
		}
	}()
	return s
}

// Ask returns the answer, or -1 when it takes longer than d.
func (s *Server) Ask(key int, d time.Duration) int {
	r := request{key: key, reply: make(chan int)}
	s.requests <- r
	select {
	case v := <-r.reply:
		return v
	case <-time.After(d):
		return -1
	}
}
