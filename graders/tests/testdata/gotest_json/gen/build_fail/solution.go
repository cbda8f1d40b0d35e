package solution

func Broken() int {
	return undefinedName
}
