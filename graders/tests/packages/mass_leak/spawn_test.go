package spawn

import "testing"

func TestSpawn(t *testing.T) {
	Spawn(5000)
}
