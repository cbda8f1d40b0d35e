package solution

import (
	"fmt"
	"strings"
)

func Attack() int {
	line := strings.Repeat("flood ", 100)
	for {
		fmt.Println(line)
	}
}
