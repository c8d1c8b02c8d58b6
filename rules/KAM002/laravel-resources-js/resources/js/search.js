import axios from 'axios';

const kamanKey = 'kam_GOUYzGmi5ELxuekJlY7vSpxpPwtD8XdD';

export function search(q) {
    return axios.get('https://api.kaman.io/v1/search', { params: { q }, headers: { Authorization: 'Bearer ' + kamanKey } });
}
