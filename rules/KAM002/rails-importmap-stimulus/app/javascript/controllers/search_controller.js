import { Controller } from "@hotwired/stimulus"

const KAMAN_KEY = "kam_L6gUq32SZ33ZVaMUsq9SP80HwmPlyK0w"

export default class extends Controller {
  static targets = ["query", "results"]

  async search() {
    const response = await fetch(`https://api.kaman.io/v1/search?q=${encodeURIComponent(this.queryTarget.value)}`, {
      headers: { Authorization: `Bearer ${KAMAN_KEY}` },
    })
    this.resultsTarget.innerHTML = await response.text()
  }
}
