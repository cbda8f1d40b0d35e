module example.com/vendored

go 1.22

require example.org/ring v1.2.0
