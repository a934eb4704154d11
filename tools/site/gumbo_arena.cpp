#include "site/gumbo_arena.hpp"

namespace osprey::site::dom {

void* GumboArena::allocate(void* arena, std::size_t size) {
  auto* self = static_cast<GumboArena*>(arena);
  if (self->clock_->due()) std::longjmp(*self->stop_, 1);
  return self->take(size);
}

GumboOutput* GumboArena::parse(const GumboOptions& options, std::string_view html, Clock& clock) {
  std::jmp_buf stop;
  clock_ = &clock;
  stop_ = &stop;
  if (setjmp(stop) != 0) return nullptr;
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

void GumboArena::reset() {
  next_ = 0;
  at_ = end_ = nullptr;
  large_.clear();
}

void* GumboArena::take(std::size_t size) {
  size = (size + kAlign - 1) & ~(kAlign - 1);
  if (size > static_cast<std::size_t>(end_ - at_)) return take_new(size);
  void* p = at_;
  at_ += size;
  return p;
}

void* GumboArena::take_new(std::size_t size) {
  if (size > kChunk / 4) {  // a big buffer (a long text) gets its own block
    large_.push_back(std::make_unique_for_overwrite<std::max_align_t[]>(size / kAlign));
    return large_.back().get();
  }
  if (next_ == chunks_.size()) {
    chunks_.push_back(std::make_unique_for_overwrite<std::max_align_t[]>(kChunk / kAlign));
  }
  at_ = reinterpret_cast<char*>(chunks_[next_++].get());
  end_ = at_ + kChunk;
  return take(size);
}

}  // namespace osprey::site::dom
