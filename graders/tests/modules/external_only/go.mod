module example.com/extonly

go 1.25
