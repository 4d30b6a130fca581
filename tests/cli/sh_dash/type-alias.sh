alias al='echo x'
type al
command -V al
