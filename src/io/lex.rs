//! Small pieces of RON's lexical syntax shared by the fast reader and the locator.

/// The offset just past a (possibly nested) block comment starting at `at` (which holds
/// `/*`), or `None` if the text ends inside it.
pub(crate) fn skip_block_comment(s: &[u8], at: usize) -> Option<usize> {
    let mut level = 0usize;
    let mut i = at;
    while i + 1 < s.len() {
        match (s[i], s[i + 1]) {
            (b'/', b'*') => {
                level += 1;
                i += 2;
            }
            (b'*', b'/') => {
                level -= 1;
                i += 2;
                if level == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::skip_block_comment;

    #[test]
    fn block_comments_nest() {
        let text = b"/* a /* b */ c */x";
        assert_eq!(skip_block_comment(text, 0), Some(17));
        assert_eq!(skip_block_comment(b"/* open", 0), None);
        assert_eq!(skip_block_comment(b"/* a /* b */", 0), None);
    }
}
