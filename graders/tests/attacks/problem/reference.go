package solution

func Attack() int { return 42 }
