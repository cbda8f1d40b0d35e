package main

type node struct{ next *node }

func (n *node) Len() int { return 1 + n.next.next.Len() }

func main() {
	n := &node{}
	println(n.Len())
}
