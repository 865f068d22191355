use super::Sample;

pub fn samples() -> Vec<Sample> {
    vec![]
}
