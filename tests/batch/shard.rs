//! Shards 1/3, 2/3 and 3/3 together hold every record of the unsharded run, once.

use super::{archive, by_path, paths, records, run};

#[test]
fn three_shards_make_the_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let (dir, expected) = archive(tmp.path());
    let whole = run(&["extract", dir.to_str().unwrap()]);
    let whole = records(&String::from_utf8(whole.stdout).unwrap());
    let mut union = Vec::new();
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let out = run(&["extract", "--shard", &shard, dir.to_str().unwrap()]);
        let part = records(&String::from_utf8(out.stdout).unwrap());
        assert!(
            part.len() < expected.len(),
            "shard {shard} holds a part only"
        );
        union.extend(part);
    }
    assert_eq!(paths(&union), expected);
    assert_eq!(by_path(&union), by_path(&whole));
}
