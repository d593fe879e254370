module xiaoa

go 1.19
