/**
 * @internal A float whose value is a whole number, such as the trait `"2.0"` after normalisation. Python keeps it apart
 * from the integer 2 (`str()` gives `2.0`, an integer condition value does not cast to it), and a JavaScript number
 * cannot, so it is boxed. Non-integral floats stay plain numbers.
 */
export class IntegralFloat {
  readonly value: number
  constructor(value: number) {
    this.value = value
  }
}
