package main

type Registry struct{ byName map[string]int }

func (r *Registry) Add(name string) { r.byName[name]++ }

func main() {
	var r Registry
	done := make(chan struct{})
	go func() {
		defer close(done)
		r.Add("x")
	}()
	<-done
}
